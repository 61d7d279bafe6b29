"""The sample catalogue: data files, drawn images, the loader and the synthetic generator."""
