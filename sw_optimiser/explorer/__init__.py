"""The explorer: a Streamlit app on top of the package (run `streamlit run app.py`).

`state` holds one session's data, `jobs` runs solves in worker processes (`pool`, whose tasks are in
`work`), `shell` draws what every page shares (language switch, progress, stop), and each page is one short module (company, scenario,
results, compare) that reads the package's Results and draws. `charts` makes the Altair charts,
`tables` the display tables and `edit` turns edited tables back into a company model.
"""
