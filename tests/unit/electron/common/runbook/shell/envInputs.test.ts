import { describe, expect, it } from 'vitest';
import { findAssignedNames, findEnvInputs } from '../../../../../../electron/common/runbook/shell';

const none: ReadonlySet<string> = new Set();

describe('findAssignedNames', () => {
  it('finds every way a runbook assigns a variable', () => {
    const code = [
      'NAMESPACE=prod',
      'export CLUSTER=eu-1 REGION=eu',
      'export -n OLD=1',
      'read -r -p "Pod: " POD',
      'read -a ITEMS',
      'for NODE in $(kubectl get nodes -o name); do echo $NODE; done',
      'select CHOICE in a b; do break; done',
      'f() { local TMP_DIR; declare -x TRACE=1; typeset LEVEL=2; }',
      'readonly ROOT=/srv',
      'mapfile -t LINES < f',
      'printf -v STAMP "%s" now',
      'COUNT+=1',
      'X=$(Y=1 date)',
    ].join('\n');
    const names = findAssignedNames(code);
    for (const n of ['NAMESPACE', 'CLUSTER', 'REGION', 'OLD', 'POD', 'ITEMS', 'NODE', 'CHOICE', 'TMP_DIR', 'TRACE', 'LEVEL', 'ROOT', 'LINES', 'STAMP', 'COUNT', 'X', 'Y']) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('does not take option values or quoted text for assignments', () => {
    const names = findAssignedNames('kubectl create secret generic s --from-literal=JWT_SECRET=x\necho "A=1"\nkubectl set env deploy/api LOG_LEVEL=debug');
    expect(names.has('JWT_SECRET')).toBe(false);
    expect(names.has('A')).toBe(false);
    expect(names.has('LOG_LEVEL')).toBe(false);
  });

  it('still finds plain assignments after a block that never closes its quote', () => {
    expect(findAssignedNames("echo 'oops\nNS=prod").has('NS')).toBe(true);
  });
});

describe('findEnvInputs', () => {
  it('lists UPPER_SNAKE variables nobody assigns, in order, once', () => {
    expect(findEnvInputs('curl -H "Authorization: Bearer $API_TOKEN" https://$API_HOST/v1 $API_TOKEN', none)).toEqual(['API_TOKEN', 'API_HOST']);
    expect(findEnvInputs('psql -h ${DB_HOST} -p ${DB_PORT%/*}', none)).toEqual(['DB_HOST', 'DB_PORT']);
  });

  it('leaves out what the runbook assigns and what the shell sets', () => {
    expect(findEnvInputs('kubectl -n $NAMESPACE get pods; ls $HOME $PWD; echo $USER $PATH $RANDOM $LINENO', new Set(['NAMESPACE']))).toEqual([]);
    expect(findEnvInputs('NS=prod; kubectl -n $NS get pods', none)).toEqual([]);
    expect(findEnvInputs('for P in a b; do echo $P; done', none)).toEqual([]);
  });

  it('leaves out optional ${NAME:-default} forms but keeps ${NAME:?}', () => {
    expect(findEnvInputs('echo ${LEVEL:-info} ${MODE-x} ${A:=1} ${B:+y} ${REQUIRED:?set it}', none)).toEqual(['REQUIRED']);
  });

  it('ignores single quotes, comments, quoted heredocs, lower case and Grafana variables', () => {
    const text = [
      "awk '{print $NF}' f | jq '.items[] | $ITEM'",
      'echo "$DOUBLE" $lower $__interval ${__range}',
      "cat <<'EOF'",
      '$LITERAL',
      'EOF',
      'cat <<EOF',
      "it's $EXPANDED",
      'EOF',
      'echo hi # $IN_COMMENT',
      "echo $'$ANSI'",
      'echo \\$ESCAPED',
    ].join('\n');
    expect(findEnvInputs(text, none)).toEqual(['DOUBLE', 'EXPANDED']);
  });

  it('looks inside command substitutions', () => {
    expect(findEnvInputs('kubectl describe pod $(kubectl get pods -l app=$APP -o name)', none)).toEqual(['APP']);
  });
});
