output "cluster_name" {
  value = module.eks.cluster_name
}

output "cluster_version" {
  value = module.eks.cluster_version
}

output "cluster_endpoint" {
  value = module.eks.cluster_endpoint
}

output "node_groups" {
  value = { for k, ng in module.eks.eks_managed_node_groups : k => ng.node_group_id }
}
