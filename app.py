"""sw-optimiser explorer for developers: `streamlit run app.py` in the repository (installed:
`sw-optimiser explorer`). The pages are declared in sw_optimiser/explorer/app.py."""

from sw_optimiser.explorer.app import main

main()
