# War Room bash start-up. Generated; your own dotfiles are untouched.
# shellcheck shell=bash
# The user's start-up files are sourced by path; they are theirs, not ours to lint.
# shellcheck disable=SC1090,SC1091
# Take the integration nonce before any user file can start a program that would inherit it.
if [[ -n "${WARROOM_NONCE_FILE-}" ]]; then
  builtin read -r __wr_nonce < "$WARROOM_NONCE_FILE"
  command rm -f -- "$WARROOM_NONCE_FILE"
fi
builtin unset WARROOM_NONCE_FILE

# Watch for ~/.bashrc being sourced by a profile (Debian's ~/.profile does), so it runs once.
__wr_bashrc_seen=0
# Single quotes: the watch is the trap's text, expanded each time the trap runs.
# shellcheck disable=SC2016
__wr_watch='[[ "${BASH_SOURCE[0]##*/}" == .bashrc ]] && __wr_bashrc_seen=1'
# shellcheck disable=SC2064
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
