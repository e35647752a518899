from insights.main import main

main()
