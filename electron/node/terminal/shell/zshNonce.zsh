# Take the integration nonce before any user file can start a program that would inherit it.
if [[ -n ${WARROOM_NONCE_FILE-} ]]; then
  IFS= builtin read -r __wr_nonce < $WARROOM_NONCE_FILE
  command rm -f -- $WARROOM_NONCE_FILE
fi
builtin unset WARROOM_NONCE_FILE
builtin typeset -g __wr_nonce
