# lab: data team experiments (Spark on EKS, notebooks).
environment     = "lab"
cluster_version = "1.28"
ami_type        = "AL2023_x86_64_STANDARD"
vpc_cidr        = "10.30.0.0/16"

general_instance_types = ["r6i.xlarge"]
general_min_size       = 1
general_max_size       = 4
general_desired_size   = 2

batch_instance_types = ["r6i.2xlarge", "r5.2xlarge", "r5a.2xlarge"]
batch_capacity_type  = "SPOT"
batch_max_size       = 20
batch_desired_size   = 0

enable_istio = false
