from analysis.main import main

main()
