locals {
  name = "acme-${var.environment}"

  # Node groups are named after the Kubernetes version ("general-1-28") so that a
  # blue/green node-group upgrade can create the new group next to the old one.
  version_suffix = replace(coalesce(var.node_group_version, var.cluster_version), ".", "-")

  azs = slice(data.aws_availability_zones.available.names, 0, 3)

  tags = {
    Environment = var.environment
    Project     = "acme-shop"
    ManagedBy   = "terraform"
    Repository  = "acme-shop/platform"
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.2"

  name = local.name
  cidr = var.vpc_cidr

  azs             = local.azs
  private_subnets = [for k, v in local.azs : cidrsubnet(var.vpc_cidr, 4, k)]
  public_subnets  = [for k, v in local.azs : cidrsubnet(var.vpc_cidr, 8, k + 48)]

  enable_nat_gateway     = true
  single_nat_gateway     = var.environment != "production"
  one_nat_gateway_per_az = var.environment == "production"

  public_subnet_tags = {
    "kubernetes.io/role/elb" = 1
  }

  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = 1
    "karpenter.sh/discovery"          = local.name
  }
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 19.21"

  cluster_name    = local.name
  cluster_version = var.cluster_version

  cluster_endpoint_public_access  = true
  cluster_endpoint_private_access = true

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  enable_irsa = true

  # The EKS add-ons are managed below with aws_eks_addon so that their versions
  # are pinned explicitly (see addons.tf).
  cluster_addons = {}

  manage_aws_auth_configmap = true
  aws_auth_roles = [
    for arn in var.admin_role_arns : {
      rolearn  = arn
      username = "platform-admin"
      groups   = ["system:masters"]
    }
  ]

  eks_managed_node_group_defaults = {
    ami_type      = var.ami_type
    disk_size     = 100
    capacity_type = "ON_DEMAND"
    iam_role_additional_policies = {
      AmazonSSMManagedInstanceCore = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    }
  }

  eks_managed_node_groups = {
    general = {
      name            = "general-${local.version_suffix}"
      use_name_prefix = false
      cluster_version = coalesce(var.node_group_version, var.cluster_version)

      instance_types = var.general_instance_types
      min_size       = var.general_min_size
      max_size       = var.general_max_size
      desired_size   = var.general_desired_size

      update_config = {
        max_unavailable_percentage = 33
      }

      labels = {
        workload = "general"
      }
    }

    batch = {
      name            = "batch-${local.version_suffix}"
      use_name_prefix = false
      cluster_version = coalesce(var.node_group_version, var.cluster_version)

      instance_types = var.batch_instance_types
      capacity_type  = var.batch_capacity_type
      min_size       = var.batch_min_size
      max_size       = var.batch_max_size
      desired_size   = var.batch_desired_size

      update_config = {
        max_unavailable = 1
      }

      labels = {
        workload = "batch"
      }

      taints = {
        batch = {
          key    = "acme.io/batch"
          value  = "true"
          effect = "NO_SCHEDULE"
        }
      }
    }
  }

  tags = local.tags
}
