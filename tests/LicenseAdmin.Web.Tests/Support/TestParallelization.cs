// Every portal started here runs Program, which swaps Serilog's static bootstrap logger; two portals
// starting at once race to freeze it ("The logger is already frozen"). One test class at a time avoids that.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
