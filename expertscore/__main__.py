from expertscore.cli.main import main

main()
