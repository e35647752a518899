from sharing.main import main

main()
