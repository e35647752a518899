import sys
from pathlib import Path

# the helper modules beside these tests (deploy_code, deploy_dockerfile, ...)
sys.path.insert(0, str(Path(__file__).parent))
