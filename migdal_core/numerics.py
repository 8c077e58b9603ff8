"""Small numba helpers shared by the kernels."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def sorted_small(values: np.ndarray) -> np.ndarray:
    """Sorted copy of a short 1-D array (insertion sort).

    Same result as ``np.sort`` for the few break points the quadratures sort
    (tens of values at most), but numba compiles ``np.sort`` (its quicksort)
    in ~2.5 s, a sixth of a cold start; this compiles in ~0.1 s.
    """
    out = values.copy()
    for i in range(1, out.size):
        x = out[i]
        j = i - 1
        while j >= 0 and out[j] > x:
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = x
    return out
