// Nothing to do now: the check is in post.mjs, which runs after netpol-canary's own post steps.
console.log('will check for leftovers after the clean-up of later steps');
