# The configuration the `terraform-cloud-upload` agent (agents.yaml) uploads to
# Terraform Cloud for every run: ctrl packs this directory as a .tar.gz
# configuration version (`configuration: terraform`, relative to the project
# directory that holds .ctrl/), waits until Terraform Cloud has processed it,
# and starts a run on it whose message carries the ctrl job id.
#
# The variables are the ones the agent sets in the workspace before each run
# (rendered per job: the region of the AWS account, the version tag). The
# sensitive one is written by ctrl on every run and never read back.
#
# It needs no provider credentials: `terraform_data` only records what was
# released, so the example can run in an empty organization. Replace it with
# your modules.

terraform {
  required_version = ">= 1.4"
}

variable "region" {
  type        = string
  description = "AWS region of the target account (resource.metadata.region)."
}

variable "module_version" {
  type        = string
  description = "The version ctrl deploys (version.tag)."
}

variable "default_tags" {
  type        = map(string)
  description = "Tags for every resource (an HCL variable)."
  default     = {}
}

variable "cloudflare_api_token" {
  type        = string
  description = "DNS API token (a sensitive workspace variable)."
  sensitive   = true
  default     = ""
}

resource "terraform_data" "release" {
  input = {
    region         = var.region
    module_version = var.module_version
    tags           = var.default_tags
  }
}

output "released" {
  value = "${var.module_version} in ${var.region}"
}
