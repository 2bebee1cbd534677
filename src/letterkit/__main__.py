from letterkit.cli import main

main()
