#!/usr/bin/env bash
# Installs and starts a single-node Slurm (Debian's slurmctld, slurmd, slurm-client, munge) for the
# Slurm integration test, as ../shared/docs/slurm.md describes. Prints the SLURM_CONF to export.
# Usage: eval "$(.ci/slurm-up.sh /tmp/nvsim-slurm)"   ; stop with .ci/slurm-down.sh /tmp/nvsim-slurm
set -euo pipefail
D="${1:-/tmp/nvsim-slurm}"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
     slurmctld slurmd slurm-client munge) > "${TMPDIR:-/tmp}/nvsim-slurm-apt.log" 2>&1 || { echo "apt-get install of Slurm failed; see ${TMPDIR:-/tmp}/nvsim-slurm-apt.log" >&2; exit 1; }
fi
HOST="$(hostname -s)"
rm -rf "$D" && mkdir -p "$D"/{state,spool,log,out}
cat > "$D/slurm.conf" <<CONF
ClusterName=ci
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p /run/munge && chown munge:munge /run/munge
if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- munged
fi
munge -n | unmunge >/dev/null
export SLURM_CONF="$D/slurm.conf"
slurmctld -f "$SLURM_CONF"
for _ in $(seq 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.2; done
slurmd -f "$SLURM_CONF"
for _ in $(seq 150); do [ "$(sinfo -h -o %t 2>/dev/null | head -1)" = idle ] && break; sleep 0.2; done
sinfo -h -o %t | grep -q idle || { echo "slurm did not come up; see $D/log" >&2; exit 1; }
echo "export SLURM_CONF=$SLURM_CONF"
