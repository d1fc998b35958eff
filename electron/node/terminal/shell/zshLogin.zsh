
if [[ $WARROOM_USER_ZDOTDIR == $HOME ]]; then builtin unset ZDOTDIR; else ZDOTDIR=$WARROOM_USER_ZDOTDIR; fi
builtin unset WARROOM_USER_ZDOTDIR __wr_ours
builtin source '__WR_ZSH_INTEGRATION__'
