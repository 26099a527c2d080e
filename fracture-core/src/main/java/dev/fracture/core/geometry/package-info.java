/** Response geometry: the frontier of (u, v), the decoder flip landscape and cap, manifold flows. */
package dev.fracture.core.geometry;
