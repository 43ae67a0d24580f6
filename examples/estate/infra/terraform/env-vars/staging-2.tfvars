# staging-2: pre-production copy for the payments PCI re-certification.
# Node groups were left on 1.27 when the control plane went to 1.28 (PLAT-998).
environment        = "staging-2"
cluster_version    = "1.28"
node_group_version = "1.27"
ami_type           = "AL2_x86_64"
vpc_cidr           = "10.60.0.0/16"

general_instance_types = ["m6i.xlarge"]
general_min_size       = 3
general_max_size       = 6
general_desired_size   = 3

batch_instance_types = ["c6i.2xlarge"]
batch_capacity_type  = "ON_DEMAND"
batch_max_size       = 3

admin_role_arns = [
  "arn:aws:iam::482019374105:role/acme-platform-admins",
]
