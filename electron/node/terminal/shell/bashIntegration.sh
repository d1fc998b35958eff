# War Room shell integration for bash (sourced after the user's own start-up files).
# shellcheck shell=bash
if [[ -z "${__wr_nonce-}" || -n "${__wr_loaded-}" ]]; then builtin return 0; fi
__wr_loaded=1

# Escapes $1 into __wr_out: \ -> \\, ; and control characters -> \xAB.
__wr_esc() {
  local s="$1" i hex c
  s=${s//\\/\\\\}
  s=${s//;/\\x3b}
  if [[ $s == *[$'\x01'-$'\x1f'$'\x7f']* ]]; then
    for (( i = 1; i < 32; i++ )); do
      builtin printf -v hex '%02x' "$i"
      builtin printf -v c '%b' "\\x$hex"
      s=${s//"$c"/\\x$hex}
    done
    s=${s//$'\x7f'/\\x7f}
  fi
  __wr_out=$s
}
__wr_osc() { builtin printf '\e]633;%s;%s\a' "$1" "$__wr_nonce"; }
__wr_set_status() { builtin return "$1"; }

__wr_hist_re='^ *([0-9]+)[* ] (.*)$'
__wr_hist_last=
__wr_hist_last_cmd=
__wr_cmd_open=0
__wr_at_prompt=0
__wr_a=()
# What lets the host survive a lost sequence and a lost Ctrl+C (docs/terminals.md): C and D
# carry the command's number; every prompt's A carries its own number (a redraw repeats it),
# the last command the shell saw finish with its status, when the prompt command started and
# ended ($EPOCHREALTIME, compared with the time of a Ctrl+C), and whether no command ran
# since the last prompt (an empty line, or a Ctrl+C: at the prompt, or cutting this function
# or PS1's expansion short, after which bash runs the prompt command again).
__wr_cmd_seq=0
__wr_done_seq=0
__wr_done_status=
__wr_prompt_seq=0
__wr_hooks_start=
__wr_hooks_end=
__wr_reprompt=0

# The exact typed line comes from history, so every line must reach history: HISTCONTROL
# keeps only erasedups, and the user's ignorespace/ignoredups are applied by us at the next
# prompt (history -d). Re-read whenever the user changes HISTCONTROL.
__wr_hc_applied=__unset__
__wr_sync_histcontrol() {
  if [[ "${HISTCONTROL-}" == "$__wr_hc_applied" ]]; then builtin return; fi
  local user=":${HISTCONTROL-}:"
  __wr_ign_space=0 __wr_ign_dups=0 __wr_hc_applied=
  if [[ $user == *:ignorespace:* || $user == *:ignoreboth:* ]]; then __wr_ign_space=1; fi
  if [[ $user == *:ignoredups:* || $user == *:ignoreboth:* ]]; then __wr_ign_dups=1; fi
  if [[ $user == *:erasedups:* ]]; then __wr_hc_applied=erasedups; fi
  HISTCONTROL=$__wr_hc_applied
}

__wr_read_hist() { __wr_h=$(builtin unset HISTTIMEFORMAT; builtin history 1); }

# Emits E (the line just read, from history) and C. $1: text to use when the line did not
# reach history (HISTIGNORE, history off).
__wr_start() {
  local cmd="$1"
  __wr_read_hist
  if [[ -n $__wr_h && "$__wr_h" != "$__wr_hist_last" && $__wr_h =~ $__wr_hist_re ]]; then
    cmd=${BASH_REMATCH[2]}
  elif [[ -n $__wr_h && $__wr_hc_applied == erasedups ]]; then
    cmd=$__wr_hist_last_cmd   # erasedups re-added the previous line unchanged
  fi
  __wr_esc "$cmd"
  __wr_osc "E;$__wr_out"
  __wr_osc "C;$__wr_cmd_seq"
}

# Applies the user's ignorespace/ignoredups to the line that just ran, then remembers the
# newest history entry so the next command's line can be told apart from it.
__wr_fix_history() {
  __wr_read_hist
  if [[ -n $__wr_h && "$__wr_h" != "$__wr_hist_last" && $__wr_h =~ $__wr_hist_re ]]; then
    if [[ ( $__wr_ign_space == 1 && ${BASH_REMATCH[2]} == [[:space:]]* ) || ( $__wr_ign_dups == 1 && "${BASH_REMATCH[2]}" == "$__wr_hist_last_cmd" ) ]]; then
      builtin history -d "${BASH_REMATCH[1]}"
    fi
  fi
}
__wr_remember_history() {
  __wr_read_hist
  __wr_hist_last=$__wr_h
  __wr_hist_last_cmd=
  if [[ $__wr_h =~ $__wr_hist_re ]]; then __wr_hist_last_cmd=${BASH_REMATCH[2]}; fi
}

# Start of a command, preferred way (bash >= 4.4): PS0 is expanded after a line is read and
# right before it runs, even when the whole line is a subshell (which a DEBUG trap misses).
# The array subscript sets __wr_cmd_open and numbers the command in the shell itself; $(…)
# prints E and C.
# shellcheck disable=SC2016 # expanded by bash each time it shows PS0, not here
__wr_ps0_mark='${__wr_a[__wr_cmd_open=1,++__wr_cmd_seq]-}$(__wr_start "")'
__wr_use_ps0=0
__wr_ps0_applied=$'\x01unset'
__wr_ps1_applied=$'\x01unset'
if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )) && builtin shopt -q promptvars; then
  __wr_use_ps0=1
fi
__wr_sync_ps0() {
  if [[ $__wr_use_ps0 == 0 || "${PS0-}" == "$__wr_ps0_applied" ]]; then builtin return; fi
  __wr_ps0_applied="$__wr_ps0_mark${PS0-}"
  PS0=$__wr_ps0_applied
}

# Start of a command, fallback (old bash): the first simple command the DEBUG trap sees
# after a prompt. An empty line runs no command: the trap's first hit is the prompt command.
__wr_debug() {
  if [[ $__wr_at_prompt == 1 && -z "${COMP_LINE-}" && -z "${READLINE_POINT-}" && $BASH_COMMAND != __wr_prompt_cmd* ]]; then
    __wr_at_prompt=0
    __wr_cmd_open=1
    __wr_cmd_seq=$((__wr_cmd_seq + 1))
    __wr_start "$BASH_COMMAND"
  fi
}

__wr_sync_ps1() {
  if [[ "$PS1" == "$__wr_ps1_applied" ]]; then builtin return; fi
  if builtin shopt -q promptvars; then
    # Expanded at display time, so the nonce is not spelled out in PS1 itself; a redraw of
    # the same prompt (Ctrl+L, a resize) reuses the expanded text, so A's numbers repeat.
    # shellcheck disable=SC2016
    __wr_ps1_applied='\[\e]633;A;${__wr_prompt_seq};${__wr_done_seq};${__wr_done_status};${__wr_hooks_start};${__wr_hooks_end};${__wr_reprompt};${__wr_nonce}\a\]'"$PS1"'\[\e]633;B;${__wr_nonce}\a\]'
  else
    # Without promptvars the values would be frozen: a bare A, and the host does without them.
    __wr_ps1_applied="\[\e]633;A;$__wr_nonce\a\]$PS1\[\e]633;B;$__wr_nonce\a\]"
  fi
  PS1=$__wr_ps1_applied
}

# Adopts a PROMPT_COMMAND the user changed after start-up; a value that still calls ours
# (PROMPT_COMMAND="$PROMPT_COMMAND; x") keeps the old list and adds the rest.
__wr_sync_prompt_command() {
  if [[ ${#PROMPT_COMMAND[@]} == 1 && "$PROMPT_COMMAND" == __wr_prompt_cmd ]]; then builtin return; fi
  local -a fresh=("${PROMPT_COMMAND[@]}")
  local c
  for c in "${fresh[@]}"; do
    if [[ $c == __wr_prompt_cmd ]]; then continue; fi
    if [[ $c == *__wr_prompt_cmd* ]]; then __wr_user_pc+=("${c//__wr_prompt_cmd/:}"); continue; fi
    __wr_user_pc+=("$c")
  done
  builtin unset PROMPT_COMMAND
  PROMPT_COMMAND=__wr_prompt_cmd
}

__wr_prompt_cmd() {
  local __wr_status=$?
  __wr_hooks_start=${EPOCHREALTIME-}
  __wr_reprompt=$(( ! __wr_cmd_open ))
  if [[ $__wr_cmd_open == 1 ]]; then
    # Noted before D is printed, once: a Ctrl+C that interrupts this function makes bash run it
    # again with $? = 130, which is not the command's status.
    if [[ $__wr_done_seq != "$__wr_cmd_seq" ]]; then
      __wr_done_seq=$__wr_cmd_seq
      __wr_done_status=$__wr_status
    fi
    __wr_osc "D;$__wr_done_status;$__wr_cmd_seq"
    __wr_cmd_open=0
  fi
  __wr_fix_history
  __wr_esc "$PWD"
  __wr_osc "P;Cwd=$__wr_out"
  local __wr_c
  for __wr_c in "${__wr_user_pc[@]}"; do
    __wr_set_status "$__wr_status"
    builtin eval -- "$__wr_c"
  done
  __wr_sync_prompt_command
  __wr_sync_ps1
  __wr_sync_ps0
  __wr_sync_histcontrol
  __wr_remember_history
  __wr_at_prompt=1
  __wr_prompt_seq=$((__wr_prompt_seq + 1))
  # Last thing before bash enters readline. A Ctrl+C reaching bash from here until readline
  # waits for a key (or while readline works through keys typed ahead) is half handled: the
  # line is dropped but no new prompt comes, and the next line read loses its first character
  # (bash 5.2 and 5.3: readline's rl_getc acts on it without calling bash's event hook).
  __wr_hooks_end=${EPOCHREALTIME-}
  # PS1 may show $?: leave the command's status, not ours.
  __wr_set_status "$__wr_status"
}

__wr_user_pc=("${PROMPT_COMMAND[@]}")
builtin unset PROMPT_COMMAND
PROMPT_COMMAND=__wr_prompt_cmd
__wr_sync_histcontrol

if [[ $__wr_use_ps0 == 0 ]]; then
  # Chain a DEBUG trap the user already has (bash-preexec, starship): ours runs first.
  __wr_user_trap() {
    local -a terms
    builtin eval "terms=( $(builtin trap -p DEBUG) )"
    __wr_user_dbg=${terms[2]-}
  }
  __wr_user_trap
  if [[ -n $__wr_user_dbg ]]; then
    builtin trap '__wr_debug; builtin eval -- "$__wr_user_dbg"' DEBUG
  else
    builtin trap '__wr_debug' DEBUG
  fi
fi
