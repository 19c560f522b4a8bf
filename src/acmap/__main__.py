from acmap.cli import main

main()
