"""The explorer's main script: `sw-optimiser explorer` runs this file (in the repository `streamlit run
app.py` runs the same pages). Only the pages are declared here; each page is a short module in this
folder. To add a page, add one line to PAGES."""

from pathlib import Path

import streamlit as st

from sw_optimiser.explorer.shell import start, tr

HERE = Path(__file__).resolve().parent  # the pages, wherever the package is installed


def main() -> None:
    start()  # page setup, session state, language switch
    pages = [
        st.Page(HERE / "company.py", title=tr("app.page.company"), icon=":material/factory:", default=True),
        st.Page(HERE / "scenario.py", title=tr("app.page.scenario"), icon=":material/tune:"),
        st.Page(HERE / "results.py", title=tr("app.page.results"), icon=":material/monitoring:"),
        st.Page(HERE / "compare.py", title=tr("app.page.compare"), icon=":material/compare_arrows:"),
        st.Page(HERE / "library.py", title=tr("app.page.library"), icon=":material/folder_open:"),
        st.Page(HERE / "ledger_import.py", title=tr("app.page.import"), icon=":material/upload_file:"),
        st.Page(HERE / "benchmark.py", title=tr("app.page.benchmark"), icon=":material/leaderboard:"),
        st.Page(HERE / "region.py", title=tr("app.page.region"), icon=":material/hub:"),
    ]
    st.navigation(pages).run()


if __name__ == "__main__":  # Streamlit runs its main script as __main__
    main()
