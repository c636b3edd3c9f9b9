"""Write the laid-out pages as one HTML file."""
