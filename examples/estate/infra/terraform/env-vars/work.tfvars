# "work": the platform team's own playground. Break it freely, tell #platform first.
environment     = "work"
cluster_version = "1.28"
ami_type        = "AL2_x86_64"
vpc_cidr        = "10.10.0.0/16"

general_instance_types = ["t3.xlarge"]
general_min_size       = 1
general_max_size       = 3
general_desired_size   = 2

batch_instance_types = ["c6i.large"]
batch_max_size       = 2
batch_desired_size   = 0

enable_istio = false
