# War Room shell integration for zsh.
if [[ -z ${__wr_nonce-} || -n ${__wr_loaded-} ]]; then builtin return 0; fi
__wr_loaded=1
# Runbook steps may carry comments.
builtin setopt interactive_comments

__wr_esc() {
  builtin emulate -L zsh
  local s=$1 i hex c
  s=${s//\\/\\\\}
  s=${s//;/\\x3b}
  if [[ $s == *[$'\x01'-$'\x1f'$'\x7f']* ]]; then
    for (( i = 1; i < 32; i++ )); do
      builtin printf -v hex '%02x' $i
      builtin printf -v c "\\x$hex"
      s=${s//$c/\\x$hex}
    done
    s=${s//$'\x7f'/\\x7f}
  fi
  REPLY=$s
}
__wr_osc() { builtin printf '\e]633;%s;%s\a' "$1" "$__wr_nonce"; }
__wr_cmd_open=0
# As in bash: C and D carry the command's number; A carries the prompt's number, the last
# finished command and its status, when the precmd hooks started and ended, and whether no
# command ran since the last prompt (or a Ctrl+C cut the hooks short).
__wr_cmd_seq=0
__wr_done_seq=0
__wr_done_status=
__wr_prompt_seq=0
__wr_hooks_start=
__wr_hooks_done=1
__wr_reprompt=0
__wr_ps1_user=
__wr_ps1_applied=
builtin zmodload zsh/datetime 2>/dev/null

__wr_preexec() {
  # Open before C is printed: a Ctrl+C landing in between must still get a D.
  (( ++__wr_cmd_seq ))
  __wr_cmd_open=1
  # $1 is the line as typed (even when history drops it); $3 the full text otherwise.
  __wr_esc "${1:-$3}"
  __wr_osc "E;$REPLY"
  __wr_osc "C;$__wr_cmd_seq"
}
# D (with $1, the command's status) and P.
__wr_finish() {
  __wr_hooks_start=${EPOCHREALTIME-}
  __wr_reprompt=$(( ! __wr_cmd_open ))
  if (( __wr_cmd_open )); then
    # Noted once, before D is printed: the status must stay the command's.
    if (( __wr_done_seq != __wr_cmd_seq )); then
      __wr_done_seq=$__wr_cmd_seq
      __wr_done_status=$1
    fi
    __wr_osc "D;$__wr_done_status;$__wr_cmd_seq"
    __wr_cmd_open=0
  fi
  __wr_esc "$PWD"
  __wr_osc "P;Cwd=$REPLY"
}
# A and B for a new prompt, into __wr_pa and __wr_pb.
__wr_new_prompt() {
  (( ++__wr_prompt_seq ))
  builtin printf -v __wr_pa '\e]633;A;%s;%s;%s;%s;%s;%s;%s\a' $__wr_prompt_seq $__wr_done_seq "$__wr_done_status" "$__wr_hooks_start" "${EPOCHREALTIME-}" $__wr_reprompt "$__wr_nonce"
  builtin printf -v __wr_pb '\e]633;B;%s\a' "$__wr_nonce"
}
__wr_precmd() {
  local s=$?
  __wr_hooks_done=0
  __wr_finish $s
  builtin return $s
}
# Runs after every other precmd hook, so a theme that rebuilds PS1 each prompt is wrapped too.
# A is rebuilt every prompt (its numbers change); the user's own PS1 is kept apart.
__wr_precmd_last() {
  local s=$?
  if [[ $PS1 != "$__wr_ps1_applied" ]]; then __wr_ps1_user=$PS1; fi
  __wr_new_prompt
  __wr_ps1_applied="%{$__wr_pa%}$__wr_ps1_user%{$__wr_pb%}"
  PS1=$__wr_ps1_applied
  __wr_hooks_done=1
  builtin return $s
}
# A Ctrl+C that lands as a command ends makes zsh skip the rest of its precmd hooks (all of
# them, or those after ours) and draw the old prompt: no D, or no new A. The line editor
# still starts, with the command's status in $?: finish there, and send the new prompt's A
# and B (invisible) after the one drawn.
__wr_line_init() {
  local s=$?
  if [[ $CONTEXT == start ]] && (( __wr_cmd_open || ! __wr_hooks_done )); then
    __wr_finish $s
    # Drawn because of a Ctrl+C, which is what the host needs to know (see PromptReadiness).
    __wr_reprompt=1
    __wr_new_prompt
    __wr_hooks_done=1
    builtin print -rn -- "$__wr_pa$__wr_pb"
  fi
  builtin return $s
}
builtin typeset -ga precmd_functions preexec_functions
# zsh runs a function named precmd before the precmd_functions array; D must come before
# anything the user's hooks print, so theirs moves into the array behind ours.
if (( ${+functions[precmd]} )); then
  functions[__wr_user_precmd]=$functions[precmd]
  builtin unfunction precmd
  precmd_functions=(__wr_user_precmd ${precmd_functions[@]})
fi
precmd_functions=(__wr_precmd ${precmd_functions[@]} __wr_precmd_last)
preexec_functions+=(__wr_preexec)
# Chains with the user's own line-init widget (zsh >= 5.3).
if builtin autoload -Uz +X add-zle-hook-widget 2>/dev/null; then add-zle-hook-widget line-init __wr_line_init; fi
