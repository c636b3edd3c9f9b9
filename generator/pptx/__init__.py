"""Write the laid-out pages as a PowerPoint package."""
