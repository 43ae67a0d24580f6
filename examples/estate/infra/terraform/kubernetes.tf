# Kubernetes objects that belong to the cluster rather than to an application.
# Written with provider 2.x in 2021; the *_v1 resources came later (PLAT-1015).

resource "kubernetes_namespace" "platform" {
  metadata {
    name = "platform"
    labels = {
      team = "platform"
    }
  }
}

# Internal admin UI of the legacy back office, reachable only through the VPN.
resource "kubernetes_ingress" "backoffice" {
  metadata {
    name      = "backoffice"
    namespace = "platform"
    annotations = {
      "kubernetes.io/ingress.class"                        = "nginx"
      "nginx.ingress.kubernetes.io/whitelist-source-range" = "10.0.0.0/8"
    }
  }

  spec {
    rule {
      host = "backoffice.internal.acme-shop.com"
      http {
        path {
          path = "/"
          backend {
            service_name = "backoffice"
            service_port = 8080
          }
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget" "coredns" {
  metadata {
    name      = "coredns-pdb"
    namespace = "kube-system"
  }

  spec {
    max_unavailable = "1"
    selector {
      match_labels = {
        "k8s-app" = "kube-dns"
      }
    }
  }
}

resource "kubernetes_cron_job" "velero_backup_report" {
  metadata {
    name      = "velero-backup-report"
    namespace = "platform"
  }

  spec {
    schedule                      = "15 6 * * *"
    concurrency_policy            = "Forbid"
    successful_jobs_history_limit = 3
    failed_jobs_history_limit     = 3

    job_template {
      metadata {}
      spec {
        backoff_limit = 1
        template {
          metadata {}
          spec {
            service_account_name = "velero-reporter"
            restart_policy       = "Never"
            container {
              name  = "report"
              image = "482019374105.dkr.ecr.eu-west-1.amazonaws.com/acme/platform-tools:2023.09.1"
              args  = ["velero-report", "--slack-channel=#platform-alerts"]
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2beta2" "coredns" {
  metadata {
    name      = "coredns"
    namespace = "kube-system"
  }

  spec {
    min_replicas = 2
    max_replicas = 6

    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = "coredns"
    }

    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = 70
        }
      }
    }
  }
}

resource "kubernetes_manifest" "karpenter_provisioner_default" {
  manifest = {
    apiVersion = "karpenter.sh/v1alpha5"
    kind       = "Provisioner"
    metadata = {
      name = "default"
    }
    spec = {
      requirements = [
        {
          key      = "karpenter.sh/capacity-type"
          operator = "In"
          values   = ["on-demand"]
        }
      ]
      limits = {
        resources = {
          cpu = "200"
        }
      }
      providerRef = {
        name = "default"
      }
      ttlSecondsAfterEmpty = 60
    }
  }
}

resource "kubernetes_manifest" "letsencrypt_issuer" {
  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata = {
      name = "letsencrypt-prod"
    }
    spec = {
      acme = {
        server = "https://acme-v02.api.letsencrypt.org/directory"
        email  = "platform@acme-shop.com"
        privateKeySecretRef = {
          name = "letsencrypt-prod-account-key"
        }
        solvers = [
          {
            http01 = {
              ingress = {
                ingressClassName = "nginx"
              }
            }
          }
        ]
      }
    }
  }
}
