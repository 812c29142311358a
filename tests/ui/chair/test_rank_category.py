"""The chair window's ranking of a scheme that ranks within each category."""

from __future__ import annotations

import pytest

from expertscore.batch.package import open_package
from expertscore.chair.ranking import group_name
from tests.chair.chair_case import make_case
from ui.chair.models import RANK, SORT_ROLE, RankingModel
from ui.chair.state import load_state


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory):
    case = make_case(tmp_path_factory.mktemp("qingdao-ui"), "qingdao-maturity", submissions=9)
    return load_state(open_package(case.package), case.merge)


def test_the_ranking_names_the_category_each_rank_is_in(configured_app, qtmodeltester, state):
    ranking = RankingModel()
    ranking.set_state(state)
    qtmodeltester.check(ranking)
    scheme = state.scheme
    for row, sid in enumerate(state.result.ranking):
        sub = state.result.submissions[sid]
        shown = ranking.index(row, RANK).data()
        assert shown == f"{sub.rank} in {group_name(scheme, sub.category)}"
        assert ranking.index(row, RANK).data(SORT_ROLE) == row  # sorts in the ranking's order
    assert sum(1 for sid in state.result.ranking if state.result.submissions[sid].rank == 1) >= 2
