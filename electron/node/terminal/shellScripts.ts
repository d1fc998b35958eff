/**
 * The shell side of War Room's shell integration, as text written to a private temp dir at
 * start-up (see ShellIntegration). Kept as strings so the bundled app needs no asset files.
 *
 * Protocol (docs/terminals.md): `ESC ] 633 ; <code> [; <arg>] ; <nonce> BEL` with
 * A prompt start, B input start, C output start, D;<exit> finished, E;<cmdline> exact command
 * line, P;Cwd=<dir>. Values escape `\` as `\\` and `;` and control characters as `\xAB`.
 * Everything is emitted with `builtin printf`, so the nonce never reaches a child's argv.
 */

/**
 * Template tag for shell text: raw (backslashes kept), and `$\{` stands for a literal `${`
 * so shell parameter expansions don't collide with template interpolation.
 */
function sh(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw({ raw: strings.raw }, ...values).replaceAll('$\\{', '${');
}

/**
 * Sources what a login shell would (bash ignores --rcfile for login shells, so we run
 * `bash --rcfile THIS -i` and do it ourselves), then ~/.bashrc unless the profile already
 * sourced it, then the integration. `__WR_INTEGRATION__` is replaced with its path.
 */
export const BASH_RCFILE = sh`# War Room bash start-up. Generated; your own dotfiles are untouched.
# Take the integration nonce before any user file can start a program that would inherit it.
if [[ -n "$\{WARROOM_NONCE_FILE-}" ]]; then
  builtin read -r __wr_nonce < "$WARROOM_NONCE_FILE"
  command rm -f -- "$WARROOM_NONCE_FILE"
fi
builtin unset WARROOM_NONCE_FILE

# Watch for ~/.bashrc being sourced by a profile (Debian's ~/.profile does), so it runs once.
__wr_bashrc_seen=0
__wr_watch='[[ "$\{BASH_SOURCE[0]##*/}" == .bashrc ]] && __wr_bashrc_seen=1'
builtin trap "$__wr_watch" DEBUG
# A DEBUG trap reaches into sourced files only with functrace on.
__wr_functrace=0
if [[ $- == *T* ]]; then __wr_functrace=1; fi
builtin set -T
if [ -r /etc/profile ]; then . /etc/profile; fi
if [ -r ~/.bash_profile ]; then . ~/.bash_profile
elif [ -r ~/.bash_login ]; then . ~/.bash_login
elif [ -r ~/.profile ]; then . ~/.profile
fi
if [[ $__wr_functrace == 0 ]]; then builtin set +T; fi
# Remove the watch only if a profile did not install a DEBUG trap of its own.
if [[ "$(builtin trap -p DEBUG)" == "trap -- '$__wr_watch' DEBUG" ]]; then builtin trap - DEBUG; fi
if [[ $__wr_bashrc_seen == 0 && -r ~/.bashrc ]]; then . ~/.bashrc; fi
builtin unset __wr_watch __wr_bashrc_seen __wr_functrace
. '__WR_INTEGRATION__'
`;

export const BASH_INTEGRATION = sh`# War Room shell integration for bash (sourced after the user's own start-up files).
if [[ -z "$\{__wr_nonce-}" || -n "$\{__wr_loaded-}" ]]; then builtin return 0; fi
__wr_loaded=1

# Escapes $1 into __wr_out: \ -> \\, ; and control characters -> \xAB.
__wr_esc() {
  local s="$1" i hex c
  s=$\{s//\\/\\\\}
  s=$\{s//;/\\x3b}
  if [[ $s == *[$'\x01'-$'\x1f'$'\x7f']* ]]; then
    for (( i = 1; i < 32; i++ )); do
      builtin printf -v hex '%02x' "$i"
      builtin printf -v c "\\x$hex"
      s=$\{s//"$c"/\\x$hex}
    done
    s=$\{s//$'\x7f'/\\x7f}
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
  if [[ "$\{HISTCONTROL-}" == "$__wr_hc_applied" ]]; then builtin return; fi
  local user=":$\{HISTCONTROL-}:"
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
    cmd=$\{BASH_REMATCH[2]}
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
    if [[ ( $__wr_ign_space == 1 && $\{BASH_REMATCH[2]} == [[:space:]]* ) || ( $__wr_ign_dups == 1 && "$\{BASH_REMATCH[2]}" == "$__wr_hist_last_cmd" ) ]]; then
      builtin history -d "$\{BASH_REMATCH[1]}"
    fi
  fi
}
__wr_remember_history() {
  __wr_read_hist
  __wr_hist_last=$__wr_h
  __wr_hist_last_cmd=
  if [[ $__wr_h =~ $__wr_hist_re ]]; then __wr_hist_last_cmd=$\{BASH_REMATCH[2]}; fi
}

# Start of a command, preferred way (bash >= 4.4): PS0 is expanded after a line is read and
# right before it runs, even when the whole line is a subshell (which a DEBUG trap misses).
# The array subscript sets __wr_cmd_open and numbers the command in the shell itself; $(…)
# prints E and C.
__wr_ps0_mark='$\{__wr_a[__wr_cmd_open=1,++__wr_cmd_seq]-}$(__wr_start "")'
__wr_use_ps0=0
__wr_ps0_applied=$'\x01unset'
__wr_ps1_applied=$'\x01unset'
if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )) && builtin shopt -q promptvars; then
  __wr_use_ps0=1
fi
__wr_sync_ps0() {
  if [[ $__wr_use_ps0 == 0 || "$\{PS0-}" == "$__wr_ps0_applied" ]]; then builtin return; fi
  __wr_ps0_applied="$__wr_ps0_mark$\{PS0-}"
  PS0=$__wr_ps0_applied
}

# Start of a command, fallback (old bash): the first simple command the DEBUG trap sees
# after a prompt. An empty line runs no command: the trap's first hit is the prompt command.
__wr_debug() {
  if [[ $__wr_at_prompt == 1 && -z "$\{COMP_LINE-}" && -z "$\{READLINE_POINT-}" && $BASH_COMMAND != __wr_prompt_cmd* ]]; then
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
    __wr_ps1_applied='\[\e]633;A;$\{__wr_prompt_seq};$\{__wr_done_seq};$\{__wr_done_status};$\{__wr_hooks_start};$\{__wr_hooks_end};$\{__wr_reprompt};$\{__wr_nonce}\a\]'"$PS1"'\[\e]633;B;$\{__wr_nonce}\a\]'
  else
    # Without promptvars the values would be frozen: a bare A, and the host does without them.
    __wr_ps1_applied="\[\e]633;A;$__wr_nonce\a\]$PS1\[\e]633;B;$__wr_nonce\a\]"
  fi
  PS1=$__wr_ps1_applied
}

# Adopts a PROMPT_COMMAND the user changed after start-up; a value that still calls ours
# (PROMPT_COMMAND="$PROMPT_COMMAND; x") keeps the old list and adds the rest.
__wr_sync_prompt_command() {
  if [[ $\{#PROMPT_COMMAND[@]} == 1 && "$PROMPT_COMMAND" == __wr_prompt_cmd ]]; then builtin return; fi
  local -a fresh=("$\{PROMPT_COMMAND[@]}")
  local c
  for c in "$\{fresh[@]}"; do
    if [[ $c == __wr_prompt_cmd ]]; then continue; fi
    if [[ $c == *__wr_prompt_cmd* ]]; then __wr_user_pc+=("$\{c//__wr_prompt_cmd/:}"); continue; fi
    __wr_user_pc+=("$c")
  done
  builtin unset PROMPT_COMMAND
  PROMPT_COMMAND=__wr_prompt_cmd
}

__wr_prompt_cmd() {
  local __wr_status=$?
  __wr_hooks_start=$\{EPOCHREALTIME-}
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
  for __wr_c in "$\{__wr_user_pc[@]}"; do
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
  __wr_hooks_end=$\{EPOCHREALTIME-}
  # PS1 may show $?: leave the command's status, not ours.
  __wr_set_status "$__wr_status"
}

__wr_user_pc=("$\{PROMPT_COMMAND[@]}")
builtin unset PROMPT_COMMAND
PROMPT_COMMAND=__wr_prompt_cmd
__wr_sync_histcontrol

if [[ $__wr_use_ps0 == 0 ]]; then
  # Chain a DEBUG trap the user already has (bash-preexec, starship): ours runs first.
  __wr_user_trap() {
    local -a terms
    builtin eval "terms=( $(builtin trap -p DEBUG) )"
    __wr_user_dbg=$\{terms[2]-}
  }
  __wr_user_trap
  if [[ -n $__wr_user_dbg ]]; then
    builtin trap '__wr_debug; builtin eval -- "$__wr_user_dbg"' DEBUG
  else
    builtin trap '__wr_debug' DEBUG
  fi
fi
`;

/** zsh: our ZDOTDIR's files source the user's, restoring ZDOTDIR around each. */
function zshForward(file: string): string {
  return sh`# War Room zsh start-up (generated): forwards to your own ${file}.
__wr_ours=$ZDOTDIR
if [[ -n $\{WARROOM_USER_ZDOTDIR+x} ]]; then ZDOTDIR=$WARROOM_USER_ZDOTDIR; else ZDOTDIR=$HOME; fi
if [[ -r $ZDOTDIR/${file} ]]; then builtin source $ZDOTDIR/${file}; fi
WARROOM_USER_ZDOTDIR=$ZDOTDIR
ZDOTDIR=$__wr_ours
`;
}

export const ZSH_ZSHENV = sh`# Take the integration nonce before any user file can start a program that would inherit it.
if [[ -n $\{WARROOM_NONCE_FILE-} ]]; then
  IFS= builtin read -r __wr_nonce < $WARROOM_NONCE_FILE
  command rm -f -- $WARROOM_NONCE_FILE
fi
builtin unset WARROOM_NONCE_FILE
builtin typeset -g __wr_nonce
` + zshForward('.zshenv');

export const ZSH_ZPROFILE = zshForward('.zprofile');
export const ZSH_ZSHRC = zshForward('.zshrc');
/** Last start-up file of a login shell: hand ZDOTDIR back to the user, then integrate. */
export const ZSH_ZLOGIN = zshForward('.zlogin') + sh`
if [[ $WARROOM_USER_ZDOTDIR == $HOME ]]; then builtin unset ZDOTDIR; else ZDOTDIR=$WARROOM_USER_ZDOTDIR; fi
builtin unset WARROOM_USER_ZDOTDIR __wr_ours
builtin source '__WR_ZSH_INTEGRATION__'
`;

export const ZSH_INTEGRATION = sh`# War Room shell integration for zsh.
if [[ -z $\{__wr_nonce-} || -n $\{__wr_loaded-} ]]; then builtin return 0; fi
__wr_loaded=1
# Runbook steps may carry comments.
builtin setopt interactive_comments

__wr_esc() {
  builtin emulate -L zsh
  local s=$1 i hex c
  s=$\{s//\\/\\\\}
  s=$\{s//;/\\x3b}
  if [[ $s == *[$'\x01'-$'\x1f'$'\x7f']* ]]; then
    for (( i = 1; i < 32; i++ )); do
      builtin printf -v hex '%02x' $i
      builtin printf -v c "\\x$hex"
      s=$\{s//$c/\\x$hex}
    done
    s=$\{s//$'\x7f'/\\x7f}
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
  __wr_esc "$\{1:-$3}"
  __wr_osc "E;$REPLY"
  __wr_osc "C;$__wr_cmd_seq"
}
# D (with $1, the command's status) and P.
__wr_finish() {
  __wr_hooks_start=$\{EPOCHREALTIME-}
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
  builtin printf -v __wr_pa '\e]633;A;%s;%s;%s;%s;%s;%s;%s\a' $__wr_prompt_seq $__wr_done_seq "$__wr_done_status" "$__wr_hooks_start" "$\{EPOCHREALTIME-}" $__wr_reprompt "$__wr_nonce"
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
if (( $\{+functions[precmd]} )); then
  functions[__wr_user_precmd]=$functions[precmd]
  builtin unfunction precmd
  precmd_functions=(__wr_user_precmd $\{precmd_functions[@]})
fi
precmd_functions=(__wr_precmd $\{precmd_functions[@]} __wr_precmd_last)
preexec_functions+=(__wr_preexec)
# Chains with the user's own line-init widget (zsh >= 5.3).
if builtin autoload -Uz +X add-zle-hook-widget 2>/dev/null; then add-zle-hook-widget line-init __wr_line_init; fi
`;
