"""`python -m facilitator ...` is the same as the `facilitator` command."""

from facilitator.launch import main

main()
