"""`nianbao` command line: a thin layer over index.ingest, index.store and index.export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from index.errors import StoreBusy
from index.export import export_rows, plain, write_export
from index.settings import Settings, get_settings
from index.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="nianbao: ask government information disclosure annual reports (政府信息公开工作年度报告).")
console = Console(width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, soft_wrap=True)

DataDir = typer.Option(None, "--data-dir", help="Data directory (default ./data, or NIANBAO_DATA_DIR).")


def _settings(data_dir: Optional[Path]) -> Settings:
    return get_settings(data_dir=data_dir)


def _busy(e: StoreBusy) -> None:
    err.print(f"[bold red]error:[/] {e}")
    raise typer.Exit(3)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Report files (PDF, text, HTML) or folders of them."),
    data_dir: Optional[Path] = DataDir,
    agency: Optional[str] = typer.Option(None, help="Agency, for files whose title is missing."),
    region: Optional[str] = typer.Option(None, help="Region (e.g. 孟津县), overriding what the title says."),
    year: Optional[int] = typer.Option(None, help="The year the report covers."),
    form: Optional[int] = typer.Option(None, help="Form version: 2019 or 2021."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
):
    """Ingest reports: table cells into DuckDB, narrative into Chroma."""
    from index.ingest import ingest_paths

    settings = _settings(data_dir)
    overrides = {k: v for k, v in dict(agency=agency, region=region, year=year, form=form).items() if v}
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=err, disable=as_json)
    task = None

    def on_start(n):
        nonlocal task
        task = progress.add_task("ingesting", total=n)

    def on_file(res):
        progress.update(task, advance=1, description=Path(res.path).name[:40])

    try:
        with progress:
            summary = ingest_paths(paths, settings, overrides or None, on_file=on_file, on_start=on_start)
    except StoreBusy as e:
        _busy(e)
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
    else:
        _print_summary(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _print_summary(summary) -> None:
    t = Table(title="ingest summary")
    for col, just in (("report", "left"), ("status", "left"), ("agency", "left"), ("year", "right"),
                      ("form", "right"), ("cells", "right"), ("missing", "right"), ("flagged", "right"),
                      ("failed checks", "right"), ("chunks", "right")):
        t.add_column(col, justify=just)
    for r in summary.results:
        if r.status in ("failed", "skipped"):
            continue
        s = r.cell_statuses
        flagged = sum(v for k, v in s.items() if k in ("ambiguous", "inconsistent", "repaired"))
        t.add_row(escape(r.report_id or Path(r.path).stem), r.status, escape(r.agency or ""), str(r.year or ""),
                  str(r.form or ""), str(r.cells or ""), str(s.get("missing", 0) if r.cells else ""),
                  str(flagged) if r.cells else "",
                  (f"[yellow]{r.failed_checks}[/]" if r.failed_checks else "0") if r.cells else "",
                  str(r.chunks or ""))
    console.print(t)
    for r in summary.results:
        if r.status == "failed":
            console.print(f"[red]failed[/]  {escape(r.path)}: {escape(r.error or '')}", soft_wrap=True)
        elif r.status == "skipped":
            console.print(f"[dim]skipped {escape(r.path)}: {escape(r.error or '')}[/]", soft_wrap=True)
    n_ok = sum(1 for r in summary.results if r.status in ("added", "replaced", "unchanged"))
    console.print(f"{n_ok} report(s) ingested or up to date, {len(summary.failed)} failed, "
                  f"{sum(1 for r in summary.results if r.status == 'skipped')} skipped.")


@app.command()
def reports(data_dir: Optional[Path] = DataDir,
            as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List ingested reports."""
    try:
        with Store.open(_settings(data_dir).data_dir, write=False) as store:
            rows = store.query("""
                SELECT r.report_id, r.agency, r.region, r.year, r.form, r.file_type, r.pages, r.state,
                       count(*) FILTER (WHERE c.status <> 'missing') AS cells,
                       count(*) FILTER (WHERE c.status = 'missing') AS missing,
                       (SELECT count(*) FROM checks k WHERE k.report_id = r.report_id AND k.status = 'fail')
                           AS failed_checks
                FROM reports r LEFT JOIN cells c USING (report_id)
                GROUP BY ALL ORDER BY r.region, r.year, r.report_id""")
    except StoreBusy as e:
        _busy(e)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, default=str, indent=1))
        return
    t = Table(title=f"{len(rows)} report(s)")
    for col in ("report", "agency", "region", "year", "form", "type", "pages", "cells", "missing",
                "failed checks", "state"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["report_id"], r["agency"], r["region"] or "", str(r["year"]), str(r["form"]), r["file_type"],
                  str(r["pages"] or ""), str(r["cells"]), str(r["missing"]),
                  f"[yellow]{r['failed_checks']}[/]" if r["failed_checks"] else "0", r["state"])
    console.print(t)


@app.command()
def export(data_dir: Optional[Path] = DataDir,
           fmt: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
           report: Optional[str] = typer.Option(None, help="Only this report id (file stem)."),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout.")):
    """Export every cell, one line each, with status, page and quote."""
    if fmt not in ("jsonl", "csv"):
        err.print(f"[bold red]error:[/] unknown format {fmt!r}: use jsonl or csv")
        raise typer.Exit(2)
    try:
        with Store.open(_settings(data_dir).data_dir, write=False) as store:
            rows = list(export_rows(store, report))
    except StoreBusy as e:
        _busy(e)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            n = write_export(rows, fmt, f)
        err.print(f"{n} cells written to {output}")
    else:
        write_export(rows, fmt, sys.stdout)


@app.command()
def check(data_dir: Optional[Path] = DataDir,
          show_all: bool = typer.Option(False, "--all", help="Also list checks that could not be made."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List the accounting identities that fail in the ingested reports."""
    statuses = ("fail", "unchecked") if show_all else ("fail",)
    try:
        with Store.open(_settings(data_dir).data_dir, write=False) as store:
            rows = store.query(f"""
                SELECT k.report_id, r.agency, r.year, k.check_id, k.table_key, k.identity, k.scope, k.status,
                       k.lhs, k.rhs, k.detail
                FROM checks k JOIN reports r USING (report_id)
                WHERE k.status IN ({", ".join("?" for _ in statuses)})
                ORDER BY k.report_id, k.check_id""", list(statuses))
            n_checks = store.query("SELECT count(*) AS n FROM checks")[0]["n"]
    except StoreBusy as e:
        _busy(e)
    for r in rows:
        r["lhs"], r["rhs"] = plain(r["lhs"]), plain(r["rhs"])
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    fails = [r for r in rows if r["status"] == "fail"]
    if not fails:
        console.print(f"[green]All {n_checks} checks pass or cannot be made; no inconsistencies found.[/]")
    for r in rows:
        colour = "red" if r["status"] == "fail" else "dim"
        head = f"[{colour}]{r['status'].upper()}[/] [bold]{escape(r['report_id'])}[/] "
        console.print(head + escape(f"({r['agency']} {r['year']}) {r['table_key']}: {r['identity']} "
                                    f"[{r['scope']}]\n    {r['detail']}"))
    if fails:
        console.print(f"{len(fails)} failed check(s) of {n_checks}.")


def main() -> None:  # console script entry point
    app()


if __name__ == "__main__":
    main()
