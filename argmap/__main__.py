"""`python -m argmap` is the argmap command."""

from argmap_cli import main

if __name__ == "__main__":
    main(prog_name="argmap")
