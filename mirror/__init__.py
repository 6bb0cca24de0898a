"""The local mirror: fixture sites in the CMS styles of Vietnamese government portals."""
