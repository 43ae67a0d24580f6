environment = "dev"

# First environment on 1.29 (PLAT-1001, upgraded 2026-10-14). Node groups moved to
# AL2023 at the same time.
cluster_version = "1.29"
ami_type        = "AL2023_x86_64_STANDARD"
vpc_cidr        = "10.20.0.0/16"

general_instance_types = ["m6i.large", "m5.large"]
general_min_size       = 2
general_max_size       = 6
general_desired_size   = 3

batch_instance_types = ["c6i.xlarge", "c5.xlarge"]
batch_max_size       = 4

admin_role_arns = [
  "arn:aws:iam::482019374105:role/acme-platform-admins",
]
