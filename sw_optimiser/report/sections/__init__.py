"""The sections of the review, one module each, in reading order: summary, company_today, levers (and
their findings), waterfall, plan, sensitivity, assumptions; and the workbook's appendix and the chart
series. Each holds one part of `data._Assembler`, which combines them."""
