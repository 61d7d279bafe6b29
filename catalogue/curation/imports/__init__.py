"""Bulk list import (清单导入): templates, reading CSV/XLSX, checking, committing through the import path."""
