environment     = "staging"
cluster_version = "1.28"
ami_type        = "AL2_x86_64"
vpc_cidr        = "10.50.0.0/16"

general_instance_types = ["m6i.xlarge"]
general_min_size       = 3
general_max_size       = 9
general_desired_size   = 3

batch_instance_types = ["c6i.2xlarge"]
batch_max_size       = 6

admin_role_arns = [
  "arn:aws:iam::482019374105:role/acme-platform-admins",
]
