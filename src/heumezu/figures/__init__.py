"""Figures drawn from the evidence, one module per figure; each returns a matplotlib Figure made
without pyplot (so a notebook displays it exactly once).

- ``timeline.timeline`` · ``geography.north_china_map`` · ``escalation.demand_escalation``
- ``network.actor_network`` · ``attestation.attestation_matrix``
"""
from . import attestation, escalation, geography, network, style, timeline
from .style import apply, setup_notebook

__all__ = ["apply", "attestation", "escalation", "geography", "network", "setup_notebook", "style", "timeline"]
