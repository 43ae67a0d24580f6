environment     = "production"
cluster_version = "1.28"
ami_type        = "AL2_x86_64"
vpc_cidr        = "10.100.0.0/16"

general_instance_types = ["m6i.2xlarge", "m5.2xlarge"]
general_min_size       = 6
general_max_size       = 30
general_desired_size   = 12

batch_instance_types = ["c6i.4xlarge", "c5.4xlarge"]
batch_capacity_type  = "ON_DEMAND"
batch_min_size       = 1
batch_max_size       = 12
batch_desired_size   = 2

admin_role_arns = [
  "arn:aws:iam::482019374105:role/acme-platform-admins",
  "arn:aws:iam::482019374105:role/acme-sre-oncall",
]
