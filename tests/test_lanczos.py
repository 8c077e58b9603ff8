"""Largest eigenpair (migdal_core.lanczos) against LAPACK on gap kernels and on a hard spectrum."""

import numpy as np
import pytest
from scipy.linalg import eigh

from migdal_core import lanczos, tc


def _check(m, v0, rel):
    value, vector = lanczos.largest_eigenpair(m, v0)
    values, vectors = eigh(m)
    assert value == pytest.approx(values[-1], rel=rel)
    assert abs(np.dot(vector, vectors[:, -1])) == pytest.approx(1.0, abs=1e-9)
    assert np.linalg.norm(m @ vector - value * vector) <= lanczos.RESIDUAL_TOL * max(abs(value), 1.0)


@pytest.mark.parametrize("t,lam,mu", [(0.07, 1.0, 0.1), (0.005, 0.4, 0.13), (0.02, 2.5, 0.0)])
def test_single_band_gap_kernel(t, lam, mu):
    m, scale = tc._gap_kernel(t, lam, mu, tc._n_matsubara(t, 15.0))
    _check(m, scale, 1e-12)


def test_dense_spectrum_falls_back_to_lapack():
    """Eigenvalues spread evenly over [0, 1]: 48 Lanczos steps do not converge, LAPACK answers."""
    rng = np.random.default_rng(1)
    q, _ = np.linalg.qr(rng.normal(size=(300, 300)))
    m = q @ np.diag(np.linspace(0.0, 1.0, 300)) @ q.T
    m = (m + m.T) / 2
    one_band = (np.ones((1, 300)), np.ones((1, 1)), np.zeros((1, 1)))
    _, _, residual = lanczos._lanczos_top(m, *one_band, np.ones(300), lanczos.MAX_STEPS, lanczos.RESIDUAL_TOL)
    assert residual > lanczos.RESIDUAL_TOL
    _check(m, np.ones(300), 1e-12)


def test_a_one_by_one_kernel_and_a_zero_start_vector_need_no_division_by_zero():
    """At high T the two-band solver meets 1 x 1 band blocks whose start vector 1/sqrt(w Z) is 0 (a random
    two-band point of the Redis bound test, lambda_11 = 2.58 with band 1's vertex, raised ZeroDivisionError)."""
    assert lanczos.largest_eigenpair(np.array([[0.7]]), np.zeros(1))[0] == 0.7
    rng = np.random.default_rng(5)
    a = rng.normal(size=(30, 30))
    m = a + a.T
    top = eigh(m, eigvals_only=True)[-1]
    for start in (np.zeros(30), np.full(30, np.nan)):
        assert lanczos.largest_eigenpair(m, start)[0] == pytest.approx(top, rel=1e-10)


@pytest.mark.parametrize("seed", range(6))
def test_tridiagonal_top_pair_matches_lapack(seed):
    """The small tridiagonal problem after each Lanczos step against LAPACK (scipy's eigh_tridiagonal),
    including a split matrix (a zero off-diagonal) and a nearly degenerate top pair."""
    from scipy.linalg import eigh_tridiagonal

    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 40))
    alpha, beta = rng.normal(size=k), rng.normal(size=k)
    if seed == 4 and k > 3:
        beta[k // 2] = 0.0
    if seed == 5:
        alpha, beta = np.full(k, 2.0), np.full(k, 1e-9)
    values, vectors = eigh_tridiagonal(alpha, beta[: k - 1])
    y = np.empty(k)
    theta = lanczos._tridiagonal_top(alpha, beta, k, y)
    assert theta == pytest.approx(values[-1], rel=1e-13, abs=1e-13)
    matrix = np.diag(alpha) + np.diag(beta[: k - 1], 1) + np.diag(beta[: k - 1], -1)
    assert np.linalg.norm(matrix @ y - theta * y) < 1e-9 * max(1.0, abs(theta))
    if seed != 5:  # a degenerate top pair has no unique vector
        assert abs(np.dot(y, vectors[:, -1])) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("t", [0.3, 0.05, 0.01])
def test_two_band_kernel_from_its_pieces_matches_lapack_on_the_dense_matrix(t):
    """The kernel applied from (B, s, C, U) without storing it: the same top pair as LAPACK on the
    assembled 2n x 2n matrix. The eigenvalue is converged far below the residual tolerance (Kato-Temple:
    |theta - lambda| <= r^2 / gap)."""
    from migdal_core import multiband

    b, scale = multiband._two_band_pieces(t, np.array([1.3, 0.7]), tc._n_matsubara(t, 15.0))
    coupling = np.pi * t * np.array([[1.0, 0.18], [0.18, 0.45]])
    coulomb = 2 * np.pi * t * np.array([[0.15, 0.05], [0.05, 0.12]])
    value, vector = lanczos.kernel_top_pair(b, scale, coupling, coulomb, scale.ravel())
    m = lanczos.dense_kernel(b, scale, coupling, coulomb)
    values, vectors = eigh(m)
    assert value == pytest.approx(values[-1], rel=1e-12)
    assert abs(np.dot(vector, vectors[:, -1])) == pytest.approx(1.0, abs=1e-9)
    assert np.linalg.norm(m @ vector - value * vector) <= lanczos.RESIDUAL_TOL * max(abs(value), 1.0)
