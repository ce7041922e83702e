"""The legal facts registre's computations rest on, each with its source, kept in one place to correct."""
