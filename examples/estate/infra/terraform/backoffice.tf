# The legacy back office behind the `backoffice` ingress (kubernetes.tf), deployed by the
# platform team's Terraform rather than by ArgoCD: one pod, which has been enough for the few
# people who use it, and no readiness probe because "it starts in a second".
resource "kubernetes_deployment_v1" "backoffice" {
  metadata {
    name      = "backoffice"
    namespace = "platform"
    labels = {
      app = "backoffice"
    }
  }

  spec {
    replicas = "1"

    selector {
      match_labels = {
        app = "backoffice"
      }
    }

    template {
      metadata {
        labels = {
          app = "backoffice"
        }
      }

      spec {
        service_account_name = "backoffice"

        container {
          name  = "backoffice"
          image = "482019374105.dkr.ecr.eu-west-1.amazonaws.com/acme/backoffice:4.12.0"

          port {
            name           = "http"
            container_port = 8080
          }

          env {
            name  = "DATABASE_HOST"
            value = "backoffice-db.platform.svc"
          }

          liveness_probe {
            http_get {
              path = "/healthz"
              port = "http"
            }
            period_seconds = 20
          }

          resources {
            requests = {
              cpu    = "100m"
              memory = "256Mi"
            }
            limits = {
              memory = "512Mi"
            }
          }
        }
      }
    }
  }
}
