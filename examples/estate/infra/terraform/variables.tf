variable "environment" {
  description = "Short environment name, used in resource names (work, dev, lab, staging, staging-2, production)."
  type        = string
}

variable "region" {
  description = "AWS region of the cluster."
  type        = string
  default     = "eu-west-1"
}

variable "cluster_version" {
  description = "Kubernetes version of the EKS control plane, e.g. \"1.28\"."
  type        = string

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.cluster_version))
    error_message = "The cluster_version must look like \"1.28\"."
  }
}

variable "node_group_version" {
  description = "Kubernetes version of the managed node groups. Null means: same as the control plane."
  type        = string
  default     = null
}

variable "ami_type" {
  description = "AMI type of the managed node groups (AL2_x86_64, AL2023_x86_64_STANDARD, BOTTLEROCKET_x86_64)."
  type        = string
  default     = "AL2_x86_64"
}

variable "vpc_cidr" {
  type    = string
  default = "10.40.0.0/16"
}

variable "general_instance_types" {
  type    = list(string)
  default = ["m6i.xlarge"]
}

variable "general_min_size" {
  type    = number
  default = 2
}

variable "general_max_size" {
  type    = number
  default = 6
}

variable "general_desired_size" {
  type    = number
  default = 3
}

variable "batch_instance_types" {
  type    = list(string)
  default = ["c6i.2xlarge", "c5.2xlarge"]
}

variable "batch_capacity_type" {
  type    = string
  default = "SPOT"
}

variable "batch_min_size" {
  type    = number
  default = 0
}

variable "batch_max_size" {
  type    = number
  default = 10
}

variable "batch_desired_size" {
  type    = number
  default = 1
}

variable "enable_istio" {
  description = "Install Istio (base + istiod). Only the shop environments run the mesh."
  type        = bool
  default     = true
}

variable "admin_role_arns" {
  type    = list(string)
  default = []
}
