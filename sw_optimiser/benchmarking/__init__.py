"""Benchmarking against peers: kernkaart KPIs and DEA efficiency.

- `peers`: the peer-set workbook (read, validate, write) and `company_row_from_figures`;
- `kpis`: the kernkaart (value, median, quartiles, rank, quartile per KPI);
- `charts`: an Altair chart per KPI (imported on demand: `from sw_optimiser.benchmarking.charts import kpi_chart`);
- `dea`: CCR/BCC DEA with HiGHS, non-discretionary (fixed) inputs, super-efficiency and benchlearning peers;
- `cli`: the `benchmark` sub-command and the project's DEA defaults.

Texts are in the project's catalogue, `locale/<lang>/benchmarking.yaml` (keys `bench.*`).
"""

from .dea import Benchlearning, DEAInputError, DEAMessage, DEAResult, run_dea
from .kpis import KPIS, kernkaart, kpi_values, peer_summary
from .peers import COLUMNS, PeerProblem, PeerSetError, company_row_from_figures, read_peers, validate_peers, write_peers

__all__ = [
    "COLUMNS", "KPIS", "Benchlearning", "DEAInputError", "DEAMessage", "DEAResult", "PeerProblem",
    "PeerSetError", "company_row_from_figures", "kernkaart", "kpi_values", "peer_summary", "read_peers",
    "run_dea", "validate_peers", "write_peers",
]
