#!/usr/bin/env bash
# A small account history to try `acmap history` on (README, "The account over time"):
#   bash docs/history-demo.sh DIR
# makes DIR a git repository with two accounts and eight commits by three reps, with fixed
# authors and dates, so the commit ids and everything acmap says about them are the same on
# every machine.
set -euo pipefail
dir=${1:?usage: history-demo.sh DIR}
mkdir -p "$dir/maps"
cd "$dir"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_COMMITTER_NAME=acmap \
  GIT_COMMITTER_EMAIL=acmap@seller.example
git init -q -b main
printf 'maps = "maps"\n' > acmap.toml

commit() {  # commit DATE AUTHOR MESSAGE
  export GIT_AUTHOR_DATE="$1T10:00:00+00:00" GIT_COMMITTER_DATE="$1T10:00:00+00:00"
  export GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="rep@seller.example"
  git add -A && git -c commit.gpgsign=false commit -q -m "$3"
}
person() {  # person ID NAME TITLE ROLE STANCE OWNER REPORTS_TO
  printf '  - id: %s\n    name: %s\n    title: %s\n' "$1" "$2" "$3"
  if [ -n "$7" ]; then printf '    reports_to: %s\n' "$7"; fi
  printf '    roles: [%s]\n    stance: %s\n    influence: high\n' "$4" "$5"
  if [ -n "$6" ]; then printf '    owner: %s\n' "$6"; fi
  printf '    last_contact: 2026-08-28\n    prefers: {channel: email}\n'
}
globex() {  # globex MARY_OWNER
  cat <<YAML
acmap: 1
account:
  id: globex
  name: Globex Corporation
  tier: key
  owner: dana
  team:
    - {id: dana, name: Dana Ruiz}
    - {id: omar, name: Omar Haddad}
  reviewed: 2026-08-25
  goals: [Cut freight cost 10%]
stakeholders:
YAML
  person ceo "Hank Scorpio" CEO economic_buyer neutral dana ""
  person mlee "Mary Lee" CFO decision_maker supporter "$1" ceo
  person jkim "Jin Kim" Controller champion advocate omar mlee
}
hooli() {  # hooli STANCE
  cat <<YAML
acmap: 1
account: {id: hooli, name: Hooli, owner: omar, team: [{id: omar, name: Omar Haddad}], goals: [Scale]}
stakeholders:
  - {id: gavin, name: Gavin Belson, roles: [economic_buyer, decision_maker], stance: $1}
YAML
}

globex dana > maps/globex.yaml
hooli supporter > maps/hooli.yaml
commit 2026-09-01 "Dana Ruiz" "Globex and Hooli mapped"
globex "" > maps/globex.yaml
commit 2026-09-10 "Omar Haddad" "Mary Lee: Dana hands her over"
sed -i 's/Cut freight cost 10%/Cut freight cost 12%/' maps/globex.yaml
commit 2026-09-15 "Dana Ruiz" "Globex goal"
hooli blocker > maps/hooli.yaml
commit 2026-09-20 "Omar Haddad" "Gavin turned"
globex dana > maps/globex.yaml
sed -i 's/Cut freight cost 10%/Cut freight cost 12%/' maps/globex.yaml
commit 2026-09-25 "Priya Shah" "Mary Lee: Dana again"
sed -i 's/^stakeholders:$/stakeholders: [/' maps/hooli.yaml
commit 2026-10-03 "Dana Ruiz" "Hooli: half an edit"
hooli supporter > maps/hooli.yaml
commit 2026-10-08 "Omar Haddad" "Hooli: fixed"
mkdir -p maps/emea && git mv maps/hooli.yaml maps/emea/hooli.yaml
commit 2026-10-20 "Priya Shah" "Hooli to EMEA"
