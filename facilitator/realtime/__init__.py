"""Realtime: connect → seat, one gate for every action, publish after commit."""
