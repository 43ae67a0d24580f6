terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.31"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.24"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.12"
    }
  }

  # One state per environment:
  #   terraform init -backend-config="key=eks/${ENV}.tfstate"
  #   terraform plan -var-file=env-vars/${ENV}.tfvars
  backend "s3" {
    bucket         = "acme-terraform-state-eu-west-1"
    region         = "eu-west-1"
    dynamodb_table = "acme-terraform-locks"
    encrypt        = true
  }
}
