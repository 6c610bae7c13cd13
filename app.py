"""sw-optimiser explorer: `streamlit run app.py`. Only the pages are declared here; each page is a
short module in sw_optimiser/explorer/. To add a page, add one line to PAGES."""

import streamlit as st

from sw_optimiser.explorer.shell import start, tr

start()  # page setup, session state, language switch

PAGES = [
    st.Page("sw_optimiser/explorer/company.py", title=tr("app.page.company"), icon=":material/factory:", default=True),
    st.Page("sw_optimiser/explorer/scenario.py", title=tr("app.page.scenario"), icon=":material/tune:"),
    st.Page("sw_optimiser/explorer/results.py", title=tr("app.page.results"), icon=":material/monitoring:"),
    st.Page("sw_optimiser/explorer/compare.py", title=tr("app.page.compare"), icon=":material/compare_arrows:"),
    st.Page("sw_optimiser/explorer/library.py", title=tr("app.page.library"), icon=":material/folder_open:"),
    st.Page("sw_optimiser/explorer/ledger_import.py", title=tr("app.page.import"), icon=":material/upload_file:"),
    st.Page("sw_optimiser/explorer/benchmark.py", title=tr("app.page.benchmark"), icon=":material/leaderboard:"),
    st.Page("sw_optimiser/explorer/region.py", title=tr("app.page.region"), icon=":material/hub:"),
]

st.navigation(PAGES).run()
