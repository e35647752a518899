from ingestion.main import main

main()
