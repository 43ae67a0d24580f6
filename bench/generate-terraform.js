// Writes a deterministic synthetic Terraform estate for the benchmarks: 2,000 .tf files in
// 200 module directories of ordinary AWS infrastructure, one of which is an EKS root module
// (the example estate's) with six .tfvars environments.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function awsFile(module, index) {
  const blocks = [];
  for (let i = 0; i < 6; i++) {
    blocks.push(`resource "aws_security_group_rule" "${module}_${index}_${i}" {
  type              = "ingress"
  from_port         = ${1000 + i}
  to_port           = ${1000 + i}
  protocol          = "tcp"
  cidr_blocks       = ["10.${index}.${i}.0/24"]
  security_group_id = aws_security_group.${module}.id
  description       = "rule \${var.environment}-${i}"
}
`);
  }
  return `# ${module}: file ${index}\nvariable "${module}_${index}_enabled" {\n  type    = bool\n  default = true\n}\n\n${blocks.join('\n')}`;
}

export function generateTerraformEstate(root, files = 2_000) {
  if (existsSync(join(root, '.complete'))) return;
  const eks = join(root, 'platform', 'eks');
  cpSync(new URL('../examples/estate/infra/terraform', import.meta.url), eks, { recursive: true });
  let written = 8;
  for (let module = 0; written < files; module++) {
    const directory = join(root, 'modules', `network-${module}`);
    mkdirSync(directory, { recursive: true });
    for (let index = 0; index < 10 && written < files; index++, written++) writeFileSync(join(directory, `part-${index}.tf`), awsFile(`network_${module}`, index));
  }
  writeFileSync(join(root, '.complete'), '');
}
