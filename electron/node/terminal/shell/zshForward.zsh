# War Room zsh start-up (generated): forwards to your own __WR_USER_FILE__.
__wr_ours=$ZDOTDIR
if [[ -n ${WARROOM_USER_ZDOTDIR+x} ]]; then ZDOTDIR=$WARROOM_USER_ZDOTDIR; else ZDOTDIR=$HOME; fi
if [[ -r $ZDOTDIR/__WR_USER_FILE__ ]]; then builtin source $ZDOTDIR/__WR_USER_FILE__; fi
WARROOM_USER_ZDOTDIR=$ZDOTDIR
ZDOTDIR=$__wr_ours
